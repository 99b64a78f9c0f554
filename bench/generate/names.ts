/** The words the dataset is made of: names, positions, places, units, topics (Lạng Sơn province). */

export const FAMILY: [string, number][] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 5], ['Phan', 4.5],
  ['Vũ', 3.9], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3],
  ['Dương', 1], ['Lý', 0.5], ['Nông', 2], ['Hà', 1], ['Lương', 1], ['Triệu', 1],
  ['Vi', 0.8], ['Hoàng Văn', 0.2], ['Đinh', 0.6], ['Lục', 0.5], ['Mạc', 0.3], ['Chu', 0.5],
]; // prettier-ignore
// prettier-ignore
export const MIDDLE_MALE = ['Văn', 'Đức', 'Quốc', 'Minh', 'Hữu', 'Thanh', 'Xuân', 'Công', 'Đình', 'Ngọc', 'Mạnh', 'Trọng', 'Việt'];
// prettier-ignore
export const MIDDLE_FEMALE = ['Thị', 'Thu', 'Ngọc', 'Thanh', 'Minh', 'Hồng', 'Kim', 'Phương', 'Mai', 'Diệu', 'Bích', 'Thùy'];
// prettier-ignore
export const GIVEN_MALE = ['An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Đông', 'Giang', 'Hải', 'Hiếu', 'Hoàng', 'Hùng', 'Huy', 'Khánh', 'Khoa', 'Kiên', 'Lâm', 'Long', 'Mạnh', 'Nam', 'Nghĩa', 'Phong', 'Phúc', 'Quang', 'Quân', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Tiến', 'Toàn', 'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Đức', 'Hưng', 'Lộc', 'Thịnh', 'Trí'];
// prettier-ignore
export const GIVEN_FEMALE = ['Anh', 'Châu', 'Chi', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hằng', 'Hạnh', 'Hiền', 'Hoa', 'Hồng', 'Hương', 'Huyền', 'Lan', 'Liên', 'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Tâm', 'Thảo', 'Thủy', 'Trang', 'Uyên', 'Vân', 'Yến', 'Thư', 'Xuân'];
// prettier-ignore
export const LEADER_POSITIONS = ['Giám đốc', 'Phó Giám đốc', 'Trưởng phòng', 'Phó Trưởng phòng', 'Chủ tịch', 'Phó Chủ tịch', 'Bí thư', 'Trưởng ban', 'Phó Trưởng ban'];
// prettier-ignore
export const STAFF_POSITIONS = ['Chuyên viên', 'Chuyên viên chính', 'Cán sự', 'Nhân viên', 'Kế toán', 'Văn thư', 'Thủ quỹ', 'Cán bộ'];
// prettier-ignore
export const PLACES = ['Lạng Sơn', 'Cao Lộc', 'Lộc Bình', 'Đình Lập', 'Chi Lăng', 'Hữu Lũng', 'Bắc Sơn', 'Bình Gia', 'Văn Quan', 'Văn Lãng', 'Tràng Định', 'Đồng Đăng', 'Na Sầm', 'Thất Khê', 'Đồng Mỏ', 'Hoàng Đồng', 'Tân Thanh', 'Mẫu Sơn', 'Kỳ Lừa', 'Tam Thanh', 'Chi Ma', 'Hữu Kiên', 'Yên Trạch', 'Quảng Lạc', 'Xuân Long', 'Hồng Phong', 'Bình Trung', 'Tân Liên', 'Gia Cát', 'Hợp Thành'];
// prettier-ignore
export const AGENCIES = ['Sở Nội vụ', 'Sở Tài chính', 'Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Sở Xây dựng', 'Sở Công Thương', 'Sở Nông nghiệp và Môi trường', 'Sở Khoa học và Công nghệ', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Tư pháp', 'Ban Tuyên giáo và Dân vận', 'Ban Tổ chức', 'Ủy ban Kiểm tra', 'Văn phòng'];
// prettier-ignore
export const DIVISIONS = ['Phòng Tổ chức cán bộ', 'Phòng Kế hoạch - Tài chính', 'Phòng Tuyên truyền', 'Phòng Dân vận', 'Phòng Hành chính - Tổng hợp', 'Phòng Thi đua - Khen thưởng', 'Phòng Nghiệp vụ', 'Phòng Thanh tra', 'Trung tâm Dịch vụ', 'Phòng Văn hóa - Thông tin'];
// prettier-ignore
export const GROUPS = ['Tổ công tác', 'Hội Phụ nữ', 'Đoàn Thanh niên', 'Hội Cựu chiến binh', 'Hội Nông dân', 'Công đoàn', 'Chi bộ', 'Tổ dân vận', 'Hợp tác xã'];
// prettier-ignore
export const TOPICS = ['cải cách thủ tục hành chính', 'chuyển đổi số trong quản lý hồ sơ', 'nâng cao chất lượng tuyên truyền', 'tiết kiệm chi phí văn phòng', 'ứng dụng phần mềm theo dõi văn bản', 'dân vận khéo ở cơ sở', 'xây dựng nông thôn mới', 'giảm nghèo bền vững', 'bảo vệ môi trường', 'an toàn giao thông', 'phòng chống thiên tai', 'phát triển du lịch cộng đồng'];
// prettier-ignore
export const CAMPAIGN_NAMES = ['Dân vận khéo', 'Thi đua yêu nước', 'Chung sức xây dựng nông thôn mới', 'Cả nước chung tay vì người nghèo', 'Đổi mới, sáng tạo trong quản lý', 'Cán bộ, công chức thi đua thực hiện văn hóa công sở', 'Thi đua đặc biệt chào mừng Đại hội', 'Chuyển đổi số toàn diện', 'Xanh - Sạch - Đẹp', 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh'];
